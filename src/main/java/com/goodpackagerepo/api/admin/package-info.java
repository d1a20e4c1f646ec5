/** Admin endpoints (admin scope): configuration reads and writes, users, API tokens, signing keys, the store, events, backups, garbage collection and artifact deletion. */
package com.goodpackagerepo.api.admin;
