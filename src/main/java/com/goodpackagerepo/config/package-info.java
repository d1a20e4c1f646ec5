/** The repository schema as the running server sees it: loaded, validated, cached and changed here. */
package com.goodpackagerepo.config;
