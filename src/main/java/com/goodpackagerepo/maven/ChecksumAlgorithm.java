package com.goodpackagerepo.maven;

/** The checksum files a Maven repository serves beside every file. */
public enum ChecksumAlgorithm {
    MD5(".md5", "MD5"),
    SHA1(".sha1", "SHA-1"),
    SHA256(".sha256", "SHA-256"),
    SHA512(".sha512", "SHA-512");

    private final String suffix;
    private final String jcaName;

    ChecksumAlgorithm(String suffix, String jcaName) {
        this.suffix = suffix;
        this.jcaName = jcaName;
    }

    public String suffix() {
        return suffix;
    }

    public String jcaName() {
        return jcaName;
    }

    static ChecksumAlgorithm ofSuffix(String fileName) {
        for (ChecksumAlgorithm a : values()) {
            if (fileName.endsWith(a.suffix) && fileName.length() > a.suffix.length()) {
                return a;
            }
        }
        return null;
    }
}
