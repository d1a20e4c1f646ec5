/** Admin endpoints (admin scope): configuration, events, users, garbage collection and artifact deletion. */
package com.goodpackagerepo.api.admin;
