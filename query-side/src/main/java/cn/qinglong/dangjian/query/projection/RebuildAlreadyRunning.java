package cn.qinglong.dangjian.query.projection;

public class RebuildAlreadyRunning extends RuntimeException {

    public RebuildAlreadyRunning(String name, int generation) {
        super("projection '" + name + "' is already being rebuilt (generation " + generation + ")");
    }
}
