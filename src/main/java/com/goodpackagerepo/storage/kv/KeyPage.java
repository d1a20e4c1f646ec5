package com.goodpackagerepo.storage.kv;

import java.util.List;

/** One page of keys; {@code nextCursor} is null on the last page. */
public record KeyPage(List<String> keys, String nextCursor) {
}
