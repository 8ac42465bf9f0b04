package dev.baton.console.view;

import java.util.List;

/** The overview's figures and recent activity, all read from the store when the page is made. */
public record Overview(List<Card> cards, List<Activity> activity, String asOf) {}
