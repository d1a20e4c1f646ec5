package com.goodpackagerepo.storage.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Rows of one index page, in index order; {@code nextCursor} is null on the last page. */
public record IndexPage(List<JsonNode> rows, String nextCursor) {
}
