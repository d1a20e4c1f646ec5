/** The LMDB-backed {@link com.goodpackagerepo.storage.MetadataStore}: documents, secondary indexes and the event log. */
package com.goodpackagerepo.storage.lmdb;
