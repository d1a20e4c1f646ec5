import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The least a JVM can do to receive an upload over HTTP, as a reference for row c (docs/performance.md, "Issue 21
 * item 4"): a blocking socket, the request head read up to its blank line, then the Content-Length body read in
 * 256 KiB reads into one heap array — and, with "hash", SHA-256 of each read on the same thread — answered 201.
 * No file, no sync, no HTTP framework. One connection at a time; runs until killed.
 * Usage: java bench/tools/RawReceive.java PORT [hash|discard]
 */
public class RawReceive {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean hash = args.length > 1 && args[1].equals("hash");
        byte[] buffer = new byte[256 * 1024];
        try (ServerSocket server = new ServerSocket(port, 16, InetAddress.getLoopbackAddress())) {
            while (true) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    long length = contentLength(head(in));
                    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    long left = length;
                    while (left > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            break;
                        }
                        if (hash) {
                            sha256.update(buffer, 0, n);
                        }
                        left -= n;
                    }
                    String body = hash ? HexFormat.of().formatHex(sha256.digest()) : "ok";
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 201 Created\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        }
    }

    private static String head(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Long.parseLong(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }
}
