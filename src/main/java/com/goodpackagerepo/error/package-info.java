/**
 * The ground floor: the error vocabulary every layer throws ({@link com.goodpackagerepo.error.DomainException}
 * with an {@link com.goodpackagerepo.error.ErrorCode}). Depends on nothing else in the application.
 */
package com.goodpackagerepo.error;
