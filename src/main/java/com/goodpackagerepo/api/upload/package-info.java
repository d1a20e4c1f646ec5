/**
 * The tus 1.0 resumable-upload endpoints ({@code /uploads}): protocol headers, error codes, and publishing a
 * complete session's staged bytes through the configured publish route.
 */
package com.goodpackagerepo.api.upload;
