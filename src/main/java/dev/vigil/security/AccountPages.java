package dev.vigil.security;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogKind;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.system.InvalidException;
import dev.vigil.system.RefusedException;
import dev.vigil.web.UiController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Signing in, the first admin's setup with an admin API token, the refusal page, and the admins' account pages
 * (create, change role or linked user, disable, enable, new password).
 */
@UiController
@ConditionalOnWebApplication
class AccountPages {

  private final Accounts accounts;
  private final CatalogQueries catalog;

  AccountPages(Accounts accounts, CatalogQueries catalog) {
    this.accounts = accounts;
    this.catalog = catalog;
  }

  @GetMapping("/login")
  String login(@AuthenticationPrincipal SignedIn me, Model model) {
    if (me != null) {
      return "redirect:/";
    }
    model.addAttribute("setupNeeded", accounts.noAccounts());
    return "security/login";
  }

  @GetMapping("/setup")
  String setup(Model model) {
    if (!accounts.noAccounts()) {
      return "redirect:/login";
    }
    model.addAttribute("users", userNames());
    return "security/setup";
  }

  @PostMapping("/setup")
  String setUp(@RequestParam(required = false) String token, @RequestParam(required = false) String username,
      @RequestParam(required = false) String password, @RequestParam(required = false) String confirm,
      @RequestParam(required = false) String user, Model model, HttpServletResponse response,
      RedirectAttributes flash) {
    try {
      accounts.setUpFirstAdmin(token, username, password, confirm, user);
    } catch (RefusedException e) {
      return "redirect:/login";
    } catch (InvalidException e) {
      response.setStatus(400);
      model.addAttribute("error", e.getMessage());
      model.addAttribute("username", username);
      model.addAttribute("user", user);
      model.addAttribute("users", userNames());
      return "security/setup";
    }
    flash.addFlashAttribute("notice", "The admin account '" + username + "' is ready: sign in with it.");
    return "redirect:/login";
  }

  /** Where the UI's chain forwards a refused request (a role too low, or a missing or wrong CSRF token). */
  @RequestMapping("/denied")
  String denied(Model model, HttpServletResponse response, HttpServletRequest request) {
    response.setStatus(403);
    model.addAttribute("status", 403);
    model.addAttribute("heading", "Not allowed");
    model.addAttribute("message", "Your account's role may not do this, or the form was stale: reload the page"
        + " and try again.");
    return "web/problem";
  }

  @GetMapping("/admin/accounts")
  String list(Model model) {
    model.addAttribute("accounts", accounts.list());
    model.addAttribute("users", userNames());
    return "security/accounts";
  }

  @PostMapping("/admin/accounts")
  String create(@RequestParam(required = false) String username, @RequestParam(required = false) String password,
      @RequestParam(required = false) String confirm, @RequestParam(required = false) String role,
      @RequestParam(required = false) String user, @AuthenticationPrincipal SignedIn me,
      RedirectAttributes flash) {
    accounts.create(username, password, confirm, role, user, me.username());
    return done("Account '" + username + "' created.", flash);
  }

  @PostMapping("/admin/accounts/{id}")
  String update(@PathVariable long id, @RequestParam(required = false) String role,
      @RequestParam(required = false) String user, RedirectAttributes flash) {
    accounts.update(id, role, user);
    return done("Account updated.", flash);
  }

  @PostMapping("/admin/accounts/{id}/password")
  String password(@PathVariable long id, @RequestParam(required = false) String password,
      @RequestParam(required = false) String confirm, RedirectAttributes flash) {
    accounts.resetPassword(id, password, confirm);
    return done("Password changed; the account's sessions have ended.", flash);
  }

  @PostMapping("/admin/accounts/{id}/disable")
  String disable(@PathVariable long id, RedirectAttributes flash) {
    accounts.setDisabled(id, true);
    return done("Account disabled; its sessions have ended.", flash);
  }

  @PostMapping("/admin/accounts/{id}/enable")
  String enable(@PathVariable long id, RedirectAttributes flash) {
    accounts.setDisabled(id, false);
    return done("Account enabled.", flash);
  }

  private static String done(String message, RedirectAttributes flash) {
    flash.addFlashAttribute("notice", message);
    return "redirect:/admin/accounts";
  }

  private java.util.List<String> userNames() {
    return catalog.all(CatalogKind.USER, Catalog.User.class).stream().map(m -> m.object().name()).sorted().toList();
  }
}
