/** MicroProfile Health checks: one class per dependency. */
package com.goodpackagerepo.health;
