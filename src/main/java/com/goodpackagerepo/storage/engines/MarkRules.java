package com.goodpackagerepo.storage.engines;

import com.goodpackagerepo.schema.BlobMark;
import com.goodpackagerepo.schema.DocumentDef;
import com.goodpackagerepo.schema.RepositorySchema;
import com.goodpackagerepo.storage.BlobReferences;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code gc.sweep.mark.mark_blobs_by} ("artifact_meta.blob_digest": document, then field) into
 * {@link BlobReferences}: the key prefix is the document's key template's literal text before its first
 * placeholder ("artifact/"). An entry naming an unknown document, or a template that starts with a placeholder,
 * is left out (validation reports such schemas).
 */
public final class MarkRules {
    private MarkRules() {
    }

    public static BlobReferences blobReferences(RepositorySchema model) {
        List<BlobReferences.Source> sources = new ArrayList<>();
        for (BlobMark mark : model.gc().markBlobsBy()) {
            String prefix = model.document(mark.document()).map(DocumentDef::key).map(k -> k.literalPrefix()).orElse("");
            if (!prefix.isEmpty()) {
                sources.add(new BlobReferences.Source(prefix, mark.field()));
            }
        }
        return new BlobReferences(sources);
    }
}
