import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Single-stream SHA-256 speed of this JDK's MessageDigest (the implementation our server hashes uploads with),
 * reading a file in 64 KiB chunks like FilesystemBlobStore. Prints one JSON object. Usage:
 * java Sha256Speed.java FILE [REPEATS]
 */
public class Sha256Speed {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] buffer = new byte[64 * 1024];
        StringBuilder runs = new StringBuilder();
        String hex = null;
        for (int r = 0; r <= repeats; r++) { // run 0 warms up the JIT and is not reported
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    sha.update(buffer, 0, n);
                    size += n;
                }
            }
            hex = HexFormat.of().formatHex(sha.digest());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (r > 0) {
                runs.append(runs.length() == 0 ? "" : ",").append(String.format("%.1f", size / seconds / 1e6));
            }
        }
        System.out.println("{\"mb_per_s\":[" + runs + "],\"sha256\":\"" + hex + "\",\"java\":\""
                + System.getProperty("java.version") + "\"}");
    }
}
