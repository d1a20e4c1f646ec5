/** Thin JAX-RS resources: HTTP in, value objects to the pipeline and services, HTTP out. */
package com.goodpackagerepo.api;
