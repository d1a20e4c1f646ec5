/**
 * The Maven repository layout ({@code /maven/{repository}/…}) as a view of the same store: Maven paths are mapped
 * onto the artifact model and run through the configured publish and fetch routes, so a Maven deploy writes the
 * same documents, index rows and events as a generic publish, and its bytes land in the same content-addressed
 * blob store. Metadata and checksums are generated from the index and the stored bytes.
 */
package com.goodpackagerepo.maven;
