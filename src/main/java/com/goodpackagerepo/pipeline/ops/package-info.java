/** The op vocabulary, one class per op family; each registers its handlers with the OpRegistry. */
package com.goodpackagerepo.pipeline.ops;
