/**
 * Cluster mode: the server's mode and this node's identity. The replicated store lives in
 * {@code storage.cluster}; cross-node signals for cached security and configuration state build on it.
 */
package com.goodpackagerepo.cluster;
