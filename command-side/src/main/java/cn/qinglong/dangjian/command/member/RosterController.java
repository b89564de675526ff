package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.web.PathIds;
import cn.qinglong.dangjian.kernel.common.Ids;
import cn.qinglong.dangjian.security.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The roster import: its template, an uploaded roster checked ({@code dryRun=true}, the default) or registered, and
 * how far an import has got.
 */
@RestController
@RequestMapping("/api/imports")
class RosterController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final RosterImport rosterImport;
    private final RosterImports imports;
    private final RosterOrganizations organizations;
    private final Clock clock;

    RosterController(RosterImport rosterImport, RosterImports imports, RosterOrganizations organizations,
                     Clock clock) {
        this.rosterImport = rosterImport;
        this.imports = imports;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** {@code importId} (optional, else generated) names the import for {@code GET /api/imports/{importId}}. */
    @PostMapping(value = "/members", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    RosterImport.Report importRoster(@RequestParam(defaultValue = "true") boolean dryRun,
                                     @RequestParam(required = false) String importId,
                                     @RequestParam("file") MultipartFile file) throws IOException {
        String id = importId == null ? Ids.newId("imp")
                : PathIds.parse(importId, value -> Ids.requireValid("importId", value));
        List<RosterWorkbook.Line> lines = RosterWorkbook.read(file.getInputStream(), file.getSize());
        var progress = imports.start(id, dryRun, Caller.current().name(), clock.instant(), lines.size());
        return rosterImport.run(lines, dryRun, progress);
    }

    @GetMapping("/{importId}")
    RosterImports.View progress(@PathVariable String importId) {
        return imports.find(importId).orElseThrow(() -> new NotFound("import", importId));
    }

    @GetMapping("/members/template")
    ResponseEntity<byte[]> template() {
        byte[] workbook = RosterTemplate.build(Caller.current().name(), ZonedDateTime.now(clock),
                organizations.load().all());
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("党员名册导入模板.xlsx", StandardCharsets.UTF_8).build().toString())
                .body(workbook);
    }
}
