/** Consistent online backups (metadata snapshot, blobs, database content) and their restore on a fresh install. */
package com.goodpackagerepo.backup;
