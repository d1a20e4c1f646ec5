package com.goodpackagerepo.upload;

/** The artifact an upload session will publish: {@code namespace/name/version/variant} as the client gave them. */
public record ArtifactCoordinate(String namespace, String name, String version, String variant) {
}
