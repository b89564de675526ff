package cn.qinglong.dangjian.query.history;

class MemberNotFound extends RuntimeException {

    MemberNotFound(String memberId) {
        super("member '" + memberId + "' does not exist");
    }
}
