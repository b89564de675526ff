package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.security.Caller;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The roster import: its template, and an uploaded roster checked ({@code dryRun=true}, the default) or registered. */
@RestController
@RequestMapping("/api/imports/members")
class RosterController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final RosterImport rosterImport;
    private final RosterOrganizations organizations;
    private final Clock clock;

    RosterController(RosterImport rosterImport, RosterOrganizations organizations, Clock clock) {
        this.rosterImport = rosterImport;
        this.organizations = organizations;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterImport.Report importRoster(@RequestParam(defaultValue = "true") boolean dryRun,
                                     @RequestParam("file") MultipartFile file) throws IOException {
        return rosterImport.run(RosterWorkbook.read(file.getInputStream(), file.getSize()), dryRun);
    }

    @GetMapping("/template")
    ResponseEntity<byte[]> template() {
        byte[] workbook = RosterTemplate.build(Caller.current().name(), ZonedDateTime.now(clock),
                organizations.load().all());
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("党员名册导入模板.xlsx", StandardCharsets.UTF_8).build().toString())
                .body(workbook);
    }

    @ExceptionHandler(BadRoster.class)
    ProblemDetail badRoster(BadRoster e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        problem.setType(URI.create("/problems/" + e.type()));
        problem.setTitle("The roster file cannot be imported");
        return problem;
    }
}
