package com.goodpackagerepo.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlobPathTemplateTest {

    private static final String HEX = "0123456789abcdef".repeat(4);

    @Test
    void rendersAndReversesValidTemplates() {
        BlobPathTemplate nested = new BlobPathTemplate("sha256/{digest:0:2}/{digest:2:2}/{digest}");
        assertEquals("sha256/01/23/" + HEX, nested.render(HEX));
        assertEquals(Optional.of(HEX), nested.digestOf("sha256/01/23/" + HEX));
        assertEquals(Optional.empty(), nested.digestOf("sha256/01/24/" + HEX));
        assertEquals(Optional.empty(), nested.digestOf("sha256/01/23/" + HEX + ".tmp"));

        BlobPathTemplate flat = new BlobPathTemplate("{digest}");
        assertEquals(HEX, flat.render(HEX));
        BlobPathTemplate suffixed = new BlobPathTemplate("blobs/{digest:62:2}/{digest}.data");
        assertEquals("blobs/ef/" + HEX + ".data", suffixed.render(HEX));
        assertEquals(Optional.of(HEX), suffixed.digestOf("blobs/ef/" + HEX + ".data"));
    }

    @Test
    void rejectsInvalidTemplates() {
        for (String bad : List.of("", "sha256/{digest:0:2}", "/abs/{digest}", "../{digest}", "a/../{digest}",
                "a//{digest}", "./{digest}", "{digest}/", "{digest:60:5}/{digest}", "{digest:0:0}/{digest}",
                "{name}/{digest}", "{digest", "a\\b/{digest}", "a b/{digest}", ".staging/{digest}", "~/{digest}",
                "{DIGEST}")) {
            assertThrows(IllegalArgumentException.class, () -> new BlobPathTemplate(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new BlobPathTemplate(null));
        assertThrows(IllegalArgumentException.class, () -> new FilesystemBlobStore(java.nio.file.Path.of("x"), "../{digest}"));
    }
}
