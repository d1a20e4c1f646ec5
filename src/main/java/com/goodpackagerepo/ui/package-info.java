/** The web UI's static files (under the WAR's {@code /ui/}) and the redirect from {@code /}; see docs/ui.md. */
package com.goodpackagerepo.ui;
