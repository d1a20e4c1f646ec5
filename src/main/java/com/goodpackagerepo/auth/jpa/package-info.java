/** JPA tables of users and token signing keys. */
package com.goodpackagerepo.auth.jpa;
