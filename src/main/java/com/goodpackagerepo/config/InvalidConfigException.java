package com.goodpackagerepo.config;

import com.goodpackagerepo.api.error.ApiException;
import com.goodpackagerepo.api.error.ErrorCode;
import com.goodpackagerepo.config.validation.ConfigViolation;
import java.util.Map;

/** A candidate configuration failed a load-time check; the message names the check id and the path. */
public class InvalidConfigException extends ApiException {
    private final ConfigViolation first;

    public InvalidConfigException(ConfigViolation first, String allViolations) {
        super(ErrorCode.CONFIG_INVALID, 400, "Configuration rejected by " + allViolations, Map.of());
        this.first = first;
    }

    public ConfigViolation firstViolation() {
        return first;
    }
}
