/**
 * The package catalog: which packages exist, found by skipping through the document keys one package at a
 * time (never loading the key space), with each package's latest release and version count from its index.
 */
package com.goodpackagerepo.catalog;
