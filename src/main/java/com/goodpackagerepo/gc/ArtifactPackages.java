package com.goodpackagerepo.gc;

import com.goodpackagerepo.schema.KeyTemplate;
import com.goodpackagerepo.storage.MetadataStore;
import com.goodpackagerepo.storage.kv.KeyPage;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The packages (namespace, name) of the artifact-metadata documents under a key prefix, in key order, as the
 * retention passes walk them: keys are read a page at a time and each package is reported once.
 */
final class ArtifactPackages {
    private ArtifactPackages() {
    }

    /**
     * Calls {@code perPackage} with each package's namespace and name; stops early when {@code run} is cancelled.
     * Keys the template does not parse, or that lack a namespace or name, are passed over.
     */
    static void forEach(MetadataStore store, KeyTemplate template, String prefix, int pageSize, GcRun run,
                        BiConsumer<String, String> perPackage) {
        String lastPackage = null;
        String cursor = null;
        do {
            KeyPage page = store.keys(prefix, cursor, pageSize);
            for (String key : page.keys()) {
                if (run.cancelRequested()) {
                    return;
                }
                Map<String, String> fields = template.parse(key);
                if (fields == null || !fields.containsKey("namespace") || !fields.containsKey("name")) {
                    continue;
                }
                String pkg = fields.get("namespace") + "/" + fields.get("name");
                if (!pkg.equals(lastPackage)) {
                    lastPackage = pkg;
                    perPackage.accept(fields.get("namespace"), fields.get("name"));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
