package dev.vigil;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application that is a running Vigil node; started by the {@code server} and {@code demo} commands. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigilApplication {}
