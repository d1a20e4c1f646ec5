/** Admin endpoints (admin scope): configuration reads and writes, users, API tokens, signing keys, the store, events. */
package com.goodpackagerepo.api.admin;
