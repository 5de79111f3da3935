package dev.vigil.ui;

import dev.vigil.catalog.Catalog;
import dev.vigil.catalog.CatalogQueries;
import dev.vigil.oncall.OnCallService;
import dev.vigil.oncall.Shift;
import dev.vigil.security.SignedIn;
import dev.vigil.system.NotFoundException;
import dev.vigil.web.UiController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The people of the catalog: teams with their members, what they own and who is on call for them now, and users with
 * their teams, coming shifts and contact methods, whose addresses only admins and the person themselves see.
 */
@UiController
class TeamPages {

  /** How far ahead a user's coming shifts are listed. */
  static final Duration SHIFTS_AHEAD = Duration.ofDays(28);

  /** A person as lists show them: handle, full name (or the handle), and their teams. */
  record Person(String name, String fullName, String timeZone, List<String> teams) {}

  /** A schedule a team's policies page through, and who it has on call now (empty in a gap). */
  record ScheduleNow(String name, List<String> onCall) {}

  /** One of a user's shifts to come, in a schedule. */
  record ComingShift(String schedule, Instant start, Instant end, List<String> with) {}

  /** A contact method as the reader may see it: {@code address} and {@code label} are null when they may not. */
  record Contact(String type, String address, String label) {}

  private final CatalogQueries catalog;
  private final OnCallService onCall;
  private final Clock clock;

  TeamPages(CatalogQueries catalog, OnCallService onCall, Clock clock) {
    this.catalog = catalog;
    this.onCall = onCall;
    this.clock = clock;
  }

  @GetMapping("/teams")
  String teams(Model model) {
    Catalog all = catalog.catalog();
    model.addAttribute("teams", all.teams().stream().sorted(Comparator.comparing(Catalog.Team::name)).toList());
    model.addAttribute("serviceCounts", all.services().stream().collect(
        java.util.stream.Collectors.groupingBy(Catalog.Service::team, java.util.stream.Collectors.counting())));
    model.addAttribute("people", OnCallBoard.names(all));
    return "ui/teams";
  }

  @GetMapping("/teams/{name}")
  String team(@PathVariable String name, Model model) {
    Catalog all = catalog.catalog();
    Catalog.Team team = all.team(name).orElseThrow(() -> new NotFoundException("no team named '" + name + "'"));
    List<Catalog.Service> services = all.services().stream().filter(s -> s.team().equals(name))
        .sorted(Comparator.comparingInt(Catalog.Service::tier).thenComparing(Catalog.Service::name)).toList();
    Set<String> policyNames = new LinkedHashSet<>();
    services.stream().map(Catalog.Service::escalationPolicy).filter(p -> p != null).sorted()
        .forEach(policyNames::add);
    List<Catalog.EscalationPolicy> policies = all.escalationPolicies().stream()
        .filter(p -> policyNames.contains(p.name())).toList();
    // A team owns the schedules its services' policies page through: the catalog gives a schedule no owner itself.
    Set<String> scheduleNames = new LinkedHashSet<>();
    policies.forEach(p -> p.steps().forEach(step -> step.targets().stream().map(Catalog.Target::schedule)
        .filter(s -> s != null).forEach(scheduleNames::add)));
    Instant now = clock.instant();
    Instant until = now.plus(HomeController.LOOK_AHEAD);
    var shifts = OnCallBoard.shifts(onCall.schedules(now, until), now, until);
    model.addAttribute("team", team);
    model.addAttribute("services", services);
    model.addAttribute("policies", policies);
    model.addAttribute("schedules", scheduleNames.stream().sorted()
        .map(s -> new ScheduleNow(s, Shift.onCallAt(shifts.apply(s), now))).toList());
    model.addAttribute("onCall", OnCallBoard.at(all, now, shifts).stream().filter(t -> t.team().equals(name))
        .findFirst().map(OnCallBoard.TeamNow::policies).orElse(List.of()));
    model.addAttribute("lookAheadDays", HomeController.LOOK_AHEAD.toDays());
    model.addAttribute("people", OnCallBoard.names(all));
    return "ui/team";
  }

  @GetMapping("/users")
  String users(Model model) {
    Catalog all = catalog.catalog();
    model.addAttribute("users", all.users().stream().sorted(Comparator.comparing(Catalog.User::name))
        .map(u -> person(all, u)).toList());
    return "ui/users";
  }

  @GetMapping("/users/{name}")
  String user(@PathVariable String name, @AuthenticationPrincipal SignedIn me, Model model) {
    Catalog all = catalog.catalog();
    Catalog.User user = all.user(name).orElseThrow(() -> new NotFoundException("no user named '" + name + "'"));
    // How to reach someone is theirs to share: admins, who keep the catalog, and the person themselves see it.
    boolean mayReach = me.admin() || name.equals(me.userName());
    Instant now = clock.instant();
    List<ComingShift> coming = new ArrayList<>();
    onCall.shiftsOf(name, now, now.plus(SHIFTS_AHEAD)).forEach((schedule, list) -> list.forEach(s -> coming.add(
        new ComingShift(schedule, s.start(), s.end(), s.users().stream().filter(u -> !u.equals(name)).toList()))));
    coming.sort(Comparator.comparing(ComingShift::start).thenComparing(ComingShift::schedule));
    model.addAttribute("user", person(all, user));
    model.addAttribute("mayReach", mayReach);
    model.addAttribute("email", mayReach ? user.email() : null);
    model.addAttribute("contacts", user.contactMethods().stream().map(c -> mayReach
        ? new Contact(c.type().value(), c.address(), c.label()) : new Contact(c.type().value(), null, null)).toList());
    model.addAttribute("shifts", coming);
    model.addAttribute("shiftsAheadDays", SHIFTS_AHEAD.toDays());
    model.addAttribute("people", OnCallBoard.names(all));
    return "ui/user";
  }

  private static Person person(Catalog all, Catalog.User u) {
    return new Person(u.name(), u.fullName() == null ? u.name() : u.fullName(), u.timeZone(),
        all.teams().stream().filter(t -> t.members().contains(u.name())).map(Catalog.Team::name).sorted().toList());
  }
}
