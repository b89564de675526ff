package cn.qinglong.dangjian.query.testing;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;

import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import java.time.LocalDate;

/**
 * Notices and 三会一课 added to a {@link Scenario}'s subdistrict:
 * <ul>
 *   <li>{@code earlyNotice}: the village's notice of 100 days ago, when {@code dual} still studied with the
 *       village branch (resettled two months ago): its audience is {@code dual}, {@code eldest} and {@code needy}
 *       ({@code ended} had left); delivered to {@code dual} by phone after the move and acknowledged, to
 *       {@code needy} by WeChat, not acknowledged; never to {@code eldest}.</li>
 *   <li>{@code recentNotice}: the village's notice of ten days ago: audience {@code eldest} and {@code needy};
 *       {@code needy} acknowledged it.</li>
 *   <li>{@code committeeMeeting}: the village branch's committee meeting of 20 days ago, {@code needy} came;
 *       {@code groupMeeting}: the transition group's meeting of the same day, {@code needy} came.</li>
 * </ul>
 */
public final class OrganizationalLifeScenario {

    public final String earlyNotice;
    public final String recentNotice;
    public final String committeeMeeting;
    public final String groupMeeting;
    public final LocalDate meetingDate;

    public OrganizationalLifeScenario(Scenario s, String prefix) {
        earlyNotice = prefix + "-notice-early";
        recentNotice = prefix + "-notice-recent";
        committeeMeeting = prefix + "-mtg-committee";
        groupMeeting = prefix + "-mtg-group";
        LocalDate early = s.today.minusDays(100);
        LocalDate recent = s.today.minusDays(10);
        meetingDate = s.today.minusDays(20);
        s.log.add(new NoticeIssued(NoticeId.of(earlyNotice), id(s.village), "季度党课通知", "村委会三楼", early),
                new NoticeIssued(NoticeId.of(recentNotice), id(s.village), "十一月主题党日", "村委会三楼", recent),
                new MeetingHeld(MeetingId.of(committeeMeeting), id(s.villageBranch), MeetingKind.BRANCH_COMMITTEE,
                        meetingDate, "研究困难党员帮扶"),
                new MeetingHeld(MeetingId.of(groupMeeting), id(s.transitionGroup), MeetingKind.GROUP_MEETING,
                        meetingDate, "过渡期座谈"));
        s.log.add(new NoticeDelivered(mid(s.dual), NoticeId.of(earlyNotice), id(s.village), NoticeChannel.PHONE,
                        s.today.minusDays(40)),
                new NoticeAcknowledged(mid(s.dual), NoticeId.of(earlyNotice), s.today.minusDays(39)),
                new NoticeDelivered(mid(s.needy), NoticeId.of(earlyNotice), id(s.village), NoticeChannel.WECHAT, early),
                new NoticeDelivered(mid(s.needy), NoticeId.of(recentNotice), id(s.village), NoticeChannel.WECHAT, recent),
                new NoticeAcknowledged(mid(s.needy), NoticeId.of(recentNotice), recent),
                new MemberAttendedMeeting(mid(s.needy), MeetingId.of(committeeMeeting), id(s.villageBranch),
                        MeetingKind.BRANCH_COMMITTEE, meetingDate),
                new MemberAttendedMeeting(mid(s.needy), MeetingId.of(groupMeeting), id(s.transitionGroup),
                        MeetingKind.GROUP_MEETING, meetingDate));
    }
}
