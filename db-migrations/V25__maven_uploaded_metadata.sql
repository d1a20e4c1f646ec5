-- Cluster mode: the checksums of the maven-metadata.xml a client uploaded last, by repository path, so that the
-- checksum files it uploads next verify on whichever node the load balancer sends them to (maven.UploadedMetadata).
-- Rows older than an hour are deleted. Created on every database (one migration history); only cluster mode writes it.
CREATE TABLE gpr_maven_uploaded_metadata (
    metadata_key  VARCHAR(2048) NOT NULL PRIMARY KEY,
    checksums     VARCHAR(1024) NOT NULL,
    uploaded_at   BIGINT        NOT NULL
);
CREATE INDEX gpr_maven_uploaded_metadata_at ON gpr_maven_uploaded_metadata (uploaded_at);
