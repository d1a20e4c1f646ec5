/** Users, passwords, signed tokens and the request principal. */
package com.goodpackagerepo.auth;
