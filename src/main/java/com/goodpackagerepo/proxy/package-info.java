/** Calls to upstream repositories for the proxy routes. */
package com.goodpackagerepo.proxy;
