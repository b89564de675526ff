package cn.qinglong.dangjian.query.history;

import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import cn.qinglong.dangjian.security.problem.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' view of a member: the full recorded history, the state at a past moment, and its tamper check. */
@RestController
@RequestMapping("/api/members/{id}/history")
class HistoryController {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final MemberHistory history;
    private final ZoneId zone;
    private final MemberReach reach;

    HistoryController(MemberHistory history, @Value("${app.time-zone:Asia/Shanghai}") String zone, MemberReach reach) {
        this.history = history;
        this.zone = ZoneId.of(zone);
        this.reach = reach;
    }

    /** JSON pages by default; {@code Accept: text/csv} exports the whole history (up to {@code asOf}) instead. */
    @GetMapping
    ResponseEntity<?> history(@PathVariable String id, @RequestParam(required = false) String asOf,
                              @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              HttpServletResponse response) throws IOException {
        String memberId = memberId(id);
        AsOf moment = asOf == null || asOf.isBlank() ? null : AsOf.parse(asOf, zone);
        int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        if (wantsCsv(accept)) {
            history.requireMember(memberId);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(CSV.toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("member-" + memberId + "-history.csv").build().toString());
            HistoryCsv csv = new HistoryCsv(response.getOutputStream());
            history.each(memberId, moment, csv::write);
            csv.finish();
            // written straight to the response: an export streams row by row, however long the stream
            return null;
        }
        HistoryPage answer = moment == null ? history.page(memberId, pageNumber, pageSize)
                : history.pageAsOf(memberId, moment, pageNumber, pageSize);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    @GetMapping(value = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainVerification verify(@PathVariable String id) {
        return history.verify(memberId(id));
    }

    /** A member out of a scoped caller's reach is answered as unknown. */
    private String memberId(String id) {
        String memberId;
        try {
            memberId = MemberId.of(id).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", e.getMessage());
        }
        if (!reach.reaches(memberId)) {
            throw new NotFound("member", memberId);
        }
        return memberId;
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below like any other out-of-range value
        }
        throw new InvalidInput(name, max == Integer.MAX_VALUE ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max);
    }

    /**
     * CSV when the client asks for text/csv (or text/*) at least as much as for JSON; a bare or wildcard Accept gets
     * JSON. A client accepting neither gets 406.
     */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("Accept", "is not a valid media type list");
        }
        double csv = 0;
        double json = 0;
        for (MediaType type : types) {
            if (!type.isWildcardType() && type.isCompatibleWith(CSV)) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        if (csv == 0 && json == 0) {
            throw new NotAcceptable();
        }
        return csv > 0 && csv >= json;
    }

    static class NotAcceptable extends Refusal {
        NotAcceptable() {
            super(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                    "the history is available as application/json or text/csv");
        }
    }
}
