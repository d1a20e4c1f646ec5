/** JPA tables that hold the repository schema, one table per section family (see db-migrations/). */
package com.goodpackagerepo.config.jpa;
