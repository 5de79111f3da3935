package dev.vigil.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings ({@code vigil.security.*}).
 *
 * @param adminToken the first admin's API token ({@code VIGIL_ADMIN_TOKEN}); when blank and no admin token exists,
 *     one is generated and printed once
 * @param secretKey base64 of a 256-bit key encrypting stored secrets such as integration keys
 *     ({@code VIGIL_SECRET_KEY}); when blank a key is generated in the data directory. Nodes sharing a database
 *     must share this key.
 */
@ConfigurationProperties("vigil.security")
public record SecurityProperties(String adminToken, String secretKey) {}
