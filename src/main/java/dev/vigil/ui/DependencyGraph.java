package dev.vigil.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * A service's neighbourhood drawn as SVG on the server: the services that depend on it on the left, the service in
 * the middle, what it depends on on the right, with an arrow from each dependent to what it depends on.
 */
record DependencyGraph(int width, int height, List<Node> nodes, List<Edge> edges) {

  static final int NODE_WIDTH = 180;
  static final int NODE_HEIGHT = 32;
  static final int ROW = 44;
  static final int GAP = 90;
  static final int MARGIN = 8;

  /** A box with a service's name; {@code current} is the service the page is about. */
  record Node(String name, int x, int y, boolean current) {
    public int textX() {
      return x + 10;
    }

    public int textY() {
      return y + NODE_HEIGHT / 2 + 5;
    }
  }

  /** An arrow from a dependent's right edge to a dependency's left edge. */
  record Edge(int x1, int y1, int x2, int y2) {}

  static DependencyGraph of(String service, List<String> dependents, List<String> dependencies) {
    int rows = Math.max(1, Math.max(dependents.size(), dependencies.size()));
    int height = rows * ROW + 2 * MARGIN;
    int leftX = MARGIN;
    int middleX = leftX + NODE_WIDTH + GAP;
    int rightX = middleX + NODE_WIDTH + GAP;
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    Node current = new Node(service, middleX, top(0, 1, height), true);
    nodes.add(current);
    for (int i = 0; i < dependents.size(); i++) {
      Node n = new Node(dependents.get(i), leftX, top(i, dependents.size(), height), false);
      nodes.add(n);
      edges.add(new Edge(n.x() + NODE_WIDTH, n.y() + NODE_HEIGHT / 2, current.x(), current.y() + NODE_HEIGHT / 2));
    }
    for (int i = 0; i < dependencies.size(); i++) {
      Node n = new Node(dependencies.get(i), rightX, top(i, dependencies.size(), height), false);
      nodes.add(n);
      edges.add(new Edge(current.x() + NODE_WIDTH, current.y() + NODE_HEIGHT / 2, n.x(), n.y() + NODE_HEIGHT / 2));
    }
    return new DependencyGraph(rightX + NODE_WIDTH + MARGIN, height, nodes, edges);
  }

  /** The top of the i-th of n boxes in a column, the column centred vertically. */
  private static int top(int i, int n, int height) {
    int column = n * ROW - (ROW - NODE_HEIGHT);
    return (height - column) / 2 + i * ROW;
  }

  public int nodeWidth() {
    return NODE_WIDTH;
  }

  public int nodeHeight() {
    return NODE_HEIGHT;
  }
}
