/**
 * Resumable uploads (the tus 1.0 protocol's server state): sessions that stage an artifact's bytes across
 * several requests, survive a restart, expire and are collected, within per-user limits. HTTP lives in
 * {@code api.upload}; publishing the staged bytes goes through the configured publish route there.
 */
package com.goodpackagerepo.upload;
