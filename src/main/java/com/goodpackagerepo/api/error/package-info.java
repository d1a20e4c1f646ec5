/** The one error vocabulary and the exception mappers that answer every failure as JSON. */
package com.goodpackagerepo.api.error;
