package cn.qinglong.dangjian.query.stream;

class TooManySubscribers extends RuntimeException {

    TooManySubscribers(int limit) {
        super("This node already serves " + limit + " event streams; retry later or on another node");
    }
}
