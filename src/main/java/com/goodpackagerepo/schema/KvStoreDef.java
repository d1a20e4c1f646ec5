package com.goodpackagerepo.schema;

/**
 * One of {@code storage.kv_stores}. The metadata store is LMDB whatever {@code kind} says; its directory is the
 * {@code root} of {@link RepositorySchema#metadataStore() the metadata kv store}.
 *
 * @param root {@code root}, null when not declared
 */
public record KvStoreDef(String name, String kind, String root) {
}
