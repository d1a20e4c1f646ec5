package com.goodpackagerepo.storage.kv;

import java.util.Optional;

/** Read side of the document store (JSON documents under string keys such as "artifact/acme/app/1.0.0/linux"). */
public interface KvStore {

    Optional<byte[]> get(String key);

    /** Keys starting with {@code prefix}, in byte order, after the opaque {@code cursor} (null = from the start). */
    KeyPage keys(String prefix, String cursor, int limit);
}
