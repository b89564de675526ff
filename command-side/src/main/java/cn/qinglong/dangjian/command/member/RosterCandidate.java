package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.organization.OrganizationFacts;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RegisterMember;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * One roster row read as a registration: the command when every cell is usable, else every problem of the row.
 * Enums are given by their Chinese terms or their codes, organisations by full name or id, dates as dates, as text
 * (1948-03-01, 1948/3/1, 1948.3.1, 1948年3月1日, 19480301) or as Excel serial numbers.
 */
record RosterCandidate(int row, MemberId memberId, String name, RegisterMember command, List<RosterProblem> problems) {

    private static final List<DateTimeFormatter> DATES = Arrays.stream(new String[]{"yyyy-M-d", "yyyy/M/d", "yyyy.M.d",
            "yyyy年M月d日", "yyyyMMdd"}).map(DateTimeFormatter::ofPattern).toList();
    private static final String SEPARATORS = "[、,，;；/\\s]+";

    static RosterCandidate of(RosterWorkbook.Line line, RosterOrganizations.Lookup organizations) {
        return new Reader(line, organizations).read();
    }

    boolean valid() {
        return problems.isEmpty();
    }

    private static final class Reader {
        private final RosterWorkbook.Line line;
        private final RosterOrganizations.Lookup organizations;
        private final List<RosterProblem> problems = new ArrayList<>();

        Reader(RosterWorkbook.Line line, RosterOrganizations.Lookup organizations) {
            this.line = line;
            this.organizations = organizations;
        }

        RosterCandidate read() {
            String name = text(RosterColumn.NAME, 50);
            Gender gender = term(RosterColumn.GENDER, Gender.class, Gender::label);
            LocalDate birthDate = date(RosterColumn.BIRTH_DATE);
            LocalDate joinedPartyOn = date(RosterColumn.JOINED_PARTY_ON);
            OrganizationFacts branch = organization(RosterColumn.BRANCH);
            Set<Category> categories = categories();
            ResidenceStatus status = term(RosterColumn.RESIDENCE_STATUS, ResidenceStatus.class, ResidenceStatus::label);
            OrganizationFacts community = organization(RosterColumn.COMMUNITY);
            String phone = text(RosterColumn.PHONE, 30);
            String address = text(RosterColumn.ADDRESS, 200);
            LocalDate registeredOn = date(RosterColumn.REGISTERED_ON);
            MemberId memberId = memberId(name, gender, birthDate, joinedPartyOn);
            if (!problems.isEmpty()) {
                return new RosterCandidate(line.row(), memberId, name, null, List.copyOf(problems));
            }
            var residence = new Residence(status, community == null ? null : community.id(), address);
            return new RosterCandidate(line.row(), memberId, name, new RegisterMember(memberId, name, gender,
                    birthDate, joinedPartyOn, branch.id(), categories, residence, phone, registeredOn), List.of());
        }

        private Object cell(RosterColumn column) {
            Object value = line.values().get(column);
            if (value == null && column.required()) {
                problem(column, null, "必填，不能为空");
            }
            return value;
        }

        private String text(RosterColumn column, int maxLength) {
            Object value = cell(column);
            if (value == null) {
                return null;
            }
            String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
            if (text.length() > maxLength) {
                problem(column, text, "超过 " + maxLength + " 个字");
                return null;
            }
            return text;
        }

        private <E extends Enum<E>> E term(RosterColumn column, Class<E> type, Function<E, String> label) {
            String text = text(column, 50);
            return text == null ? null : term(column, text, type, label);
        }

        private <E extends Enum<E>> E term(RosterColumn column, String text, Class<E> type, Function<E, String> label) {
            for (E value : type.getEnumConstants()) {
                if (label.apply(value).equals(text) || value.name().equalsIgnoreCase(text)) {
                    return value;
                }
            }
            problem(column, text, "不是允许的值，可填：" + Arrays.stream(type.getEnumConstants()).map(label)
                    .collect(Collectors.joining("、")));
            return null;
        }

        private Set<Category> categories() {
            String text = text(RosterColumn.CATEGORIES, 100);
            if (text == null) {
                return null;
            }
            Set<Category> categories = EnumSet.noneOf(Category.class);
            for (String part : text.split(SEPARATORS)) {
                Category category = part.isEmpty() ? null : term(RosterColumn.CATEGORIES, part, Category.class,
                        Category::label);
                if (category != null) {
                    categories.add(category);
                }
            }
            return categories;
        }

        private OrganizationFacts organization(RosterColumn column) {
            String text = text(column, 100);
            if (text == null) {
                return null;
            }
            var found = organizations.find(text);
            if (found.isEmpty()) {
                problem(column, text, organizations.ambiguous(text) ? "有多个党组织叫这个名称，请填党组织编号"
                        : "没有这个党组织，请填党组织全称或编号");
            }
            return found.orElse(null);
        }

        private LocalDate date(RosterColumn column) {
            Object value = cell(column);
            if (value instanceof LocalDate date) {
                return date;
            }
            if (value instanceof BigDecimal number) {
                if (number.scale() <= 0 && number.toPlainString().length() == 8) {
                    return textDate(column, number.toPlainString());
                }
                if (DateUtil.isValidExcelDate(number.doubleValue()) && number.signum() > 0) {
                    return DateUtil.getLocalDateTime(number.doubleValue()).toLocalDate();
                }
                problem(column, number.toPlainString(), "不是日期");
                return null;
            }
            return value == null ? null : textDate(column, value.toString());
        }

        private LocalDate textDate(RosterColumn column, String text) {
            for (DateTimeFormatter format : DATES) {
                try {
                    return LocalDate.parse(text, format);
                } catch (DateTimeParseException notThisFormat) {
                    // the next format may fit
                }
            }
            problem(column, text, "不是日期，可写 1948-03-01、1948/3/1、1948年3月1日 或 Excel 日期");
            return null;
        }

        /**
         * The member number when given; otherwise an id derived from who the person is, so that importing the same
         * file again finds the same members instead of registering them twice.
         */
        private MemberId memberId(String name, Gender gender, LocalDate birthDate, LocalDate joinedPartyOn) {
            String number = text(RosterColumn.MEMBER_NUMBER, 64);
            if (number != null) {
                try {
                    return MemberId.of(number);
                } catch (IllegalArgumentException invalid) {
                    problem(RosterColumn.MEMBER_NUMBER, number, "编号只能由字母、数字和 . _ : - 组成，至多 64 位");
                    return null;
                }
            }
            if (name == null || gender == null || birthDate == null || joinedPartyOn == null) {
                return null;
            }
            return MemberId.of("m-r-" + digest(name + "|" + gender + "|" + birthDate + "|" + joinedPartyOn));
        }

        private void problem(RosterColumn column, String value, String message) {
            problems.add(new RosterProblem(line.row(), column.header(), value, message));
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }
}
