package com.goodpackagerepo.storage.index;

/** Read side of the secondary indexes. Queries are cursor seeks: their cost does not grow with the index size. */
public interface IndexStore {

    IndexPage query(IndexDefinition index, IndexQuery query);
}
