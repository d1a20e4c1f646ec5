/** In-memory caches declared in the schema's caching section. */
package com.goodpackagerepo.cache;
