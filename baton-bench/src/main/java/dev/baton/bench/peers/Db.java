package dev.baton.bench.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The run's database: Baton opens its own store on it, the other libraries share one pool. */
record Db(String url, String user, String password) {
  HikariDataSource pool(int size, String name) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(size);
    hc.setPoolName(name);
    return new HikariDataSource(hc);
  }

  /** The same server's URL for another database (the name replaces the URL's path). */
  Db withDatabase(String database) {
    return new Db(url.replaceAll("/[^/?]*(\\?|$)", "/" + database + "$1"), user, password);
  }
}
