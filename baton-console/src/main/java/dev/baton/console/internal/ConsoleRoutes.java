package dev.baton.console.internal;

import dev.baton.console.ConsoleSources;
import dev.baton.server.events.EventStream;
import io.javalin.config.RoutesConfig;

/** Builds the console's pages on its sources and registers their routes. */
public final class ConsoleRoutes implements AutoCloseable {
  private final OverviewPages overview;
  private final JobPages jobs;
  private final FleetPages fleet;
  private final RobotPage robot;
  private final RobotSend robotSend;
  private final QuarantinePages quarantine;
  private final ClusterPages cluster;
  private final BlueprintPages blueprints;
  private final BlueprintPage blueprint;
  private final BlueprintDrafts blueprintDrafts;
  private final BlueprintActions blueprintActions;
  private final BlueprintMigrate blueprintMigrate;
  private final SchedulePages schedules;
  private final ScheduleActions scheduleActions;
  private final ScheduleEditor scheduleEditor;
  private final ScenarioPages scenarios;
  private final ScenarioActions scenarioActions;
  private final LoopPages loop;
  private final LoopActions loopActions;
  private final LedgerPages ledger;
  private final LoginPages login;
  private final ConsoleStream stream;
  private final SeriesPages series;
  private final EventStream events;

  public ConsoleRoutes(ConsoleSources sources) {
    Pages pages = new Pages();
    Sessions sessions = new Sessions(sources.engine().clock());
    Access access =
        new Access(
            sources.options().clientAccess(),
            sessions,
            pages,
            sources.events()::lastId,
            sources.actions());
    Figures figures = new Figures(sources);
    Audit audit = new Audit(sources.ledger(), sources.engine().clock());
    this.events = new EventStream(sources.events());
    this.overview = new OverviewPages(access, pages, figures);
    this.jobs =
        new JobPages(
            sources.engine(),
            access,
            pages,
            figures,
            audit,
            new JobWork(sources.fleet(), sources.events()));
    this.fleet = new FleetPages(sources.engine(), sources.fleet(), access, pages, audit);
    this.robot = new RobotPage(sources.fleet(), access, pages);
    this.robotSend = new RobotSend(sources.fleet(), robot, access, audit);
    this.quarantine = new QuarantinePages(sources.engine(), access, pages, audit);
    this.cluster = new ClusterPages(sources.cluster(), sources.engine().clock(), access, pages);
    this.blueprints = new BlueprintPages(sources.engine(), sources.blueprints(), access, pages);
    this.blueprint = new BlueprintPage(sources.blueprints(), blueprints, access, pages);
    this.blueprintDrafts =
        new BlueprintDrafts(
            sources.blueprints(), blueprints, blueprint, access, audit, sources.engine().clock());
    this.blueprintActions = new BlueprintActions(sources.blueprints(), blueprint, access, audit);
    this.blueprintMigrate = new BlueprintMigrate(sources.engine(), blueprint, access, audit);
    ScheduleViews scheduleViews = new ScheduleViews(sources.engine().schedules());
    this.schedules = new SchedulePages(sources.engine(), scheduleViews, access, pages);
    this.scheduleActions =
        new ScheduleActions(sources.engine().schedules(), schedules, access, audit);
    this.scheduleEditor =
        new ScheduleEditor(
            sources.engine().schedules(), sources.engine().clock(), access, pages, audit);
    this.scenarios = new ScenarioPages(sources.scenarios(), access, pages);
    this.scenarioActions = new ScenarioActions(sources.scenarios(), scenarios, access, audit);
    this.loop = new LoopPages(sources, access, pages);
    this.loopActions = new LoopActions(sources.loop(), loop, access, audit);
    this.ledger = new LedgerPages(sources.ledger(), access, pages);
    this.login = new LoginPages(sources.options().clientAccess(), sessions, access, pages);
    this.stream = new ConsoleStream(sessions, events);
    this.series = new SeriesPages(sources.series(), access);
  }

  public void register(RoutesConfig routes) {
    overview.register(routes);
    jobs.register(routes);
    fleet.register(routes);
    robot.register(routes);
    robotSend.register(routes);
    quarantine.register(routes);
    cluster.register(routes);
    blueprints.register(routes);
    blueprint.register(routes);
    blueprintDrafts.register(routes);
    blueprintActions.register(routes);
    blueprintMigrate.register(routes);
    scheduleEditor.register(routes); // before the schedule's page: /console/schedules/new
    schedules.register(routes);
    scheduleActions.register(routes);
    scenarios.register(routes);
    scenarioActions.register(routes);
    loop.register(routes);
    loopActions.register(routes);
    ledger.register(routes);
    login.register(routes);
    stream.register(routes);
    series.register(routes);
  }

  @Override
  public void close() {
    events.close();
  }
}
