package dev.vigil.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code vigil.security.*}).
 *
 * @param adminToken the first admin's API token ({@code VIGIL_ADMIN_TOKEN}); when blank and no admin token exists,
 *     one is generated and printed once
 */
@ConfigurationProperties("vigil.security")
public record SecurityProperties(String adminToken) {}
