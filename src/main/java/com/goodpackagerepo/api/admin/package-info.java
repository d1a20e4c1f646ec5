/** Admin endpoints (admin scope): configuration, events. */
package com.goodpackagerepo.api.admin;
