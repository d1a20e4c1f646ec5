/** Routes and entities compiled from the configuration: path matching, normalization, validation. */
package com.goodpackagerepo.pipeline.route;
