/**
 * Pages that combine features: the home page, service pages, the on-call board and probe charts, and the layout's
 * model and error pages. At the top of the graph: it reads every feature through its query types and no feature
 * depends on it.
 */
@ApplicationModule(displayName = "UI")
package dev.vigil.ui;

import org.springframework.modulith.ApplicationModule;
